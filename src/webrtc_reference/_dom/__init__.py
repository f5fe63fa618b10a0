"""DOM and HTML basics the WebRTC interfaces build on: the event loop, events, exceptions.

Nothing here imports the WebRTC interfaces.
"""
