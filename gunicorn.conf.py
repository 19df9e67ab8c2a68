# gunicorn reads this file from the working directory (`make run`, deployments).
accesslog = "-"
logger_class = "welfare_portal.gunicorn_logging.PrivacyLogger"
forwarded_allow_ips = "*"  # behind the load balancer; Django trusts X-Forwarded-Proto only
