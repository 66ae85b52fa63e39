"""Where text comes in and results go out.

Reading inputs (files, folders, globs, stdin, object storage) into Documents, deciding and writing
the destination of each result atomically, and rendering records as text, JSON, Markdown, HTML and
Atom. Nothing here changes the words of an article: it only moves and presents them.
"""
