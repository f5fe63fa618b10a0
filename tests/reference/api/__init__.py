"""Tests of the WebRTC API of the model: one file per interface or algorithm."""
