"""Figures, dates and names an output must keep.

An inventory of the source's facts, and the checks that tell whether a translation or a summary
kept, changed or dropped each one. Model-free: the repairs that need a model live in stages/.
"""
