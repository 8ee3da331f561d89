"""The docgen web app, in layers that import downward only (see README, "Arsitektur"):

perintah (commands) -> aplikasi (create_app) -> views | api -> layanan (services) -> tugas | cadangan -> inti
(core) -> docgen. Build the app with `web.aplikasi.create_app()`.
"""
