"""The authorisation test's machinery: the URL-conf walk, the world of personas and
records every route is requested against, the registry of routes and the database
fingerprint that shows a refused request changed nothing."""
