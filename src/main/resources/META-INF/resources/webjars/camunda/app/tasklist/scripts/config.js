// slm's Tasklist configuration: it replaces the webjar's own app/tasklist/scripts/config.js (the application's
// classes come before the webjar on the class path). Only customScripts is ours; the rest is Camunda's default.
export default {
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
