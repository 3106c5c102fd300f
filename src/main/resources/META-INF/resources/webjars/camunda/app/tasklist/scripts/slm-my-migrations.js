// A Tasklist plugin (the webapps' plain-JS plugin API since 7.14: an ES module whose default export names a plugin
// point and renders into the node it is given): a link in the header to the product's "My migrations" page, so an
// operator who just started a migration finds where to watch it.
export default {
  id: 'slm-my-migrations',
  pluginPoint: 'tasklist.navbar.action',
  priority: 10,
  render: node => {
    const link = document.createElement('a');
    link.href = '/migrations/index.html';
    link.id = 'slm-my-migrations-link';
    link.textContent = 'My migrations';
    link.title = 'Phase, current block and live progress of your migrations';
    link.style.lineHeight = '50px';
    link.style.padding = '0 10px';
    node.appendChild(link);
  }
};
