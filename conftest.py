pytest_plugins = ["fleet.testing"]
