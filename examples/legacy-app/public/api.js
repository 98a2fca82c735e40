// The same API client for pages built with a bundler: an axios instance that adds the bearer token
// kept in localStorage to every request.
import axios from "axios";

const TOKEN_KEY = "token";

export const api = axios.create({ baseURL: "/api" });

api.interceptors.request.use((config) => {
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) {
    config.headers.Authorization = `Bearer ${token}`;
  }
  return config;
});

export async function login(email, password) {
  const { data } = await api.post("/login", { email, password });
  localStorage.setItem(TOKEN_KEY, data.token);
  return data.user;
}

export async function getCurrentUser() {
  const { data } = await api.get("/me");
  return data.user;
}

export async function logout() {
  await api.post("/logout");
  localStorage.removeItem(TOKEN_KEY);
}
