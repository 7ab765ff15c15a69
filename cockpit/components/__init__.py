"""Small Streamlit components of our own (st.components.v2, inline code from this folder; nothing from a CDN)."""
