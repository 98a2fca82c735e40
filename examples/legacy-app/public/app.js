// The browser client: it keeps the login token in localStorage and sends it as a bearer token.
"use strict";

const TOKEN_KEY = "token";

function authHeaders() {
  const token = localStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function callApi(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", ...authHeaders() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) {
    throw new Error(data.error || `${method} ${url} failed with status ${response.status}`);
  }
  return data;
}

function showStatus(text) {
  document.getElementById("status").textContent = text;
}

async function showCurrentUser() {
  try {
    const { user } = await callApi("GET", "/api/me");
    showStatus(`Logged in as ${user.name} (${user.email}).`);
  } catch {
    showStatus("Not logged in.");
  }
}

function readForm(form) {
  return Object.fromEntries(new FormData(form));
}

document.getElementById("register-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await callApi("POST", "/api/register", readForm(event.target));
    showStatus("Registered. You can log in now.");
  } catch (error) {
    showStatus(error.message);
  }
});

document.getElementById("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const { token } = await callApi("POST", "/api/login", readForm(event.target));
    localStorage.setItem(TOKEN_KEY, token);
    await showCurrentUser();
  } catch (error) {
    showStatus(error.message);
  }
});

document.getElementById("logout-button").addEventListener("click", async () => {
  await callApi("POST", "/api/logout");
  localStorage.removeItem(TOKEN_KEY);
  await showCurrentUser();
});

showCurrentUser();
