// Progressive enhancement only: every page works without this script. A form marked
// data-confirm asks first; a form being sent cannot be sent twice by a second click.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  for (const button of form.querySelectorAll('button[type="submit"]')) button.disabled = true;
});
