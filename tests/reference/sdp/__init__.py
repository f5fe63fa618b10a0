"""Tests of the SDP codec: parser, writer, round trips, real browser SDP."""
