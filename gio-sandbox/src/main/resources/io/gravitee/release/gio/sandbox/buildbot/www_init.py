# Debian ships no buildbot-www, and Buildbot serves its REST API only from the www service, which refuses to
# start without a 'base' www plugin: this stands in for it (an empty UI, the API as usual).
from buildbot.www.plugin import Application

ep = Application(__name__, 'gio sandbox: REST API only, no web UI')
