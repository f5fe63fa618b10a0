"""Differential conformance: the same scenarios run in Chromium and against webrtc_reference."""
