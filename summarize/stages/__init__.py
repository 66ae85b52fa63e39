"""The text stages of DESIGN.md's data flow: language, segmentation, quote protection (guard),
translation and summary.

Each stage takes text and an engine and returns text plus what it noticed; none of them reads
or writes files.
"""
