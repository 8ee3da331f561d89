"""Services: what the app does, with no Flask request object in here (views hand in the user and the input)."""
