-- POSTGRES_DB creates `users`; each subgraph has a database of its own.
CREATE DATABASE orders;
