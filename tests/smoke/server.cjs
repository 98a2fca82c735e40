const express = require('express');
const session = require('express-session');
const { sign } = require('jsonwebtoken');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/api/login', (req, res) => {
  const token = sign({ sub: req.body.username }, process.env.JWT_SECRET, { expiresIn: '7d' });
  res.json({ token });
});

app.get('/health', (req, res) => {
  res.json({ ok: true });
});

module.exports = app;
