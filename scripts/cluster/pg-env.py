#!/usr/bin/env python3
"""Prints the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE) for an Npgsql connection
string (the service's OneThing:Database:ConnectionString), as `export` lines for bash to eval."""
import shlex
import sys

names = {"host": "PGHOST", "server": "PGHOST", "port": "PGPORT", "username": "PGUSER", "user id": "PGUSER",
         "userid": "PGUSER", "user": "PGUSER", "password": "PGPASSWORD", "database": "PGDATABASE"}
for part in sys.argv[1].split(";"):
    if "=" in part:
        key, value = part.split("=", 1)
        if key.strip().lower() in names:
            print(f"export {names[key.strip().lower()]}={shlex.quote(value.strip())}")
