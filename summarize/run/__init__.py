"""Running a job: one article through the stages (pipeline), many through windows on the local
engine or a Ray pool (batch and its runners), the result cache, and the commands built on them
(check, models, the flag checks).
"""
