"""The immigration court directory: courts and ICE OPLA offices (`directory`), the site's own
copy (`site`), reading a list's court name (`matching`) and the nearest courts (`nearest`)."""
