"""Errors that stop a run before it starts (usage, config, plugins). Problems with one input
file or record never raise: sources report them as values and the run goes on."""


class ScrapelintError(Exception):
    """Base of the errors the CLI turns into a message and exit code 2."""


class ConfigError(ScrapelintError):
    """A configuration file, key or value is invalid; the message names the file and key."""


class PluginError(ScrapelintError):
    """A rule plugin could not be loaded or declares invalid metadata."""
