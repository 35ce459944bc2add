// decap-server's own middleware (file-system or git mode), listening on a Unix socket in a folder only
// this user can open, so that no web page can reach it: the browser talks to the guard that `invoke edit`
// runs (plugins/pressroom/cms/guard.py), which checks each request and passes on only those it allows.
"use strict";

const express = require("express");
const { registerLocalFs, registerLocalGit } = require("decap-server/dist/middlewares");

async function main() {
  const app = express();
  const register = process.env.MODE === "git" ? registerLocalGit : registerLocalFs;
  await register(app, { logLevel: process.env.LOG_LEVEL || "warn" });
  app.listen(process.env.SOCKET);
}

main().catch((error) => {
  console.error(`decap-server could not start: ${error.message}`);
  process.exit(1);
});
