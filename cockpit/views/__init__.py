"""Each screen's view logic, one module per page with the page's name: frames in, figures and display tables out.

No Streamlit and no query calls here: pages (and the briefing) run the named queries and pass the frames in, so a
figure cannot differ between the screen, a slide and the 通报.
"""
