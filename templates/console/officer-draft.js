// Uploading a rule file fills the draft's text and file name; without this script the officer
// pastes the text instead. Nothing is sent until the form is submitted.
document.addEventListener('change', async (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.dataset.fills) return;
  const file = input.files?.[0];
  if (!file) return;
  const text = document.getElementById(input.dataset.fills);
  if (text) text.value = await file.text();
  const name = input.form?.elements.namedItem('file');
  if (name instanceof HTMLInputElement) name.value = file.name;
});
