"""Renderers of the deck model: PPTX (python-pptx), the preview display list, PDF. No Qt."""
