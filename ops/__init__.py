"""Running the site, not its content: backup and restore of the database and media
(`manage.py backup`, `manage.py restore`), the health check for load balancers (/healthz), and
the commands of deployment and processes (`check_database`, `ensure_admin`, `run_scheduler`).

Nothing in the project imports this app: it is reached through URLs and management commands.
"""
