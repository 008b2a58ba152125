"""Renstra: strategic plans (Renstra PD) of Indonesian regional government agencies."""
