export async function signIn(username, password) {
  const response = await fetch('/api/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const data = await response.json();
  localStorage.setItem('accessToken', data.token);
  localStorage.setItem('theme', 'dark');
  return data.user;
}

export function signOut() {
  window.localStorage.removeItem('accessToken');
}
