"""Running a job: one article through the stages (pipeline), many through windows on the local
engine or a Ray pool (batch), and the commands built on them (check, models), with the cache and
the progress report.
"""
