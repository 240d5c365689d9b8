# An uncaught exception two subclasses below Exception.
class AppError(Exception):
    pass
class ConfigError(AppError):
    pass
try:
    raise ConfigError("caught first")
except AppError as e:
    print("caught as AppError:", e)
raise ConfigError("missing section 'core'")
