// slm's Tasklist configuration: it replaces the webjar's own app/tasklist/scripts/config.js (the application's
// classes come before the webjar on the class path). Only app and customScripts are ours; the rest is Camunda's
// default.
export default {
  // The header and the browser tab say "slm Tasklist" (Camunda's default: "Camunda Tasklist"). With the upstream
  // banner hidden (styles/user-styles.css), this and the link below are what the top of the page shows.
  app: {
    name: 'Tasklist',
    vendor: 'slm'
  },

  // Adds "My migrations" to Tasklist's header (plugin point tasklist.navbar.action), see slm-my-migrations.js.
  customScripts: ['scripts/slm-my-migrations'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
