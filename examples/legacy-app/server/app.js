"use strict";

const crypto = require("node:crypto");
const path = require("node:path");
const express = require("express");
const jwt = require("jsonwebtoken");

const JWT_SECRET = process.env.JWT_SECRET || "legacy-app-dev-secret";

// Registered users by email. Everything is lost when the process exits.
const users = new Map();

const app = express();
app.use(express.json());
app.use(express.static(path.join(__dirname, "..", "public")));

function hashPassword(password, salt) {
  return crypto.scryptSync(password, salt, 64).toString("hex");
}

function isPasswordCorrect(user, password) {
  const hash = Buffer.from(hashPassword(password, user.salt), "hex");
  return crypto.timingSafeEqual(hash, Buffer.from(user.passwordHash, "hex"));
}

function toPublicUser(user) {
  return { id: user.id, email: user.email, name: user.name };
}

app.post("/api/register", (req, res) => {
  const { email, password, name } = req.body ?? {};
  if (typeof email !== "string" || typeof password !== "string" || password.length < 8) {
    return res.status(400).json({ error: "An email and a password of at least 8 characters are required" });
  }
  if (users.has(email)) {
    return res.status(409).json({ error: "This email is already registered" });
  }
  const salt = crypto.randomBytes(16).toString("hex");
  const user = { id: crypto.randomUUID(), email, name: name || email, salt, passwordHash: hashPassword(password, salt) };
  users.set(email, user);
  res.status(201).json({ user: toPublicUser(user) });
});

app.post("/api/login", (req, res) => {
  const { email, password } = req.body ?? {};
  const user = typeof email === "string" ? users.get(email) : undefined;
  if (!user || typeof password !== "string" || !isPasswordCorrect(user, password)) {
    return res.status(401).json({ error: "Invalid email or password" });
  }
  const token = jwt.sign({ id: user.id, email: user.email, name: user.name }, JWT_SECRET, { expiresIn: "7d" });
  res.json({ token, user: toPublicUser(user) });
});

// Accepts a request that carries a valid token in `Authorization: Bearer <token>`.
function requireAuth(req, res, next) {
  const header = req.headers.authorization || "";
  const token = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  if (!token) {
    return res.status(401).json({ error: "Not logged in" });
  }
  try {
    req.user = jwt.verify(token, JWT_SECRET);
    next();
  } catch {
    res.status(401).json({ error: "Not logged in" });
  }
}

// The token carries the user's public fields, so this route needs no lookup.
app.get("/api/me", requireAuth, (req, res) => {
  res.json({ user: { id: req.user.id, email: req.user.email, name: req.user.name } });
});

// The token stays valid until it expires: the server keeps no record of it, so there is nothing to revoke.
app.post("/api/logout", (req, res) => {
  res.json({ ok: true });
});

module.exports = app;
