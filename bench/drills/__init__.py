"""Fault drills: each breaks one real service on purpose and prints what it checked (docs/reliability.md)."""
