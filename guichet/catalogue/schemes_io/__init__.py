"""Support schemes in and out of the platform, in the etalab ``dispositif-aide`` CSV formats.

See README.md for the decisions (owner of imported schemes, refusals and corrections, Corsica).
"""
