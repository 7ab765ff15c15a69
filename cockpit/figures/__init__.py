"""Figure builders and small view logic of the monthly-meeting pages (目标进度, 县市区排名); no Streamlit."""
