"""Thin blueprints, one per concern: read the request, call one service, render or redirect."""
