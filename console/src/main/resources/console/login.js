// Signs in with the admin password; the server answers with an HttpOnly session cookie.
document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const body = new URLSearchParams({ password: document.getElementById('password').value });
  const response = await fetch('/api/login', { method: 'POST', body, credentials: 'same-origin' });
  if (response.ok) {
    window.location.assign('/');
  } else {
    const answer = await response.json().catch(() => ({ error: response.statusText }));
    error.textContent = answer.error || 'sign-in failed';
  }
});
