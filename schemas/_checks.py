"""Helpers for dataframe-wide Pandera checks that must not crash on badly typed input."""

import pandas as pd


def numeric(df: pd.DataFrame, column: str) -> pd.Series:
    """The column as floats; non-numbers become NaN (their own column check reports them)."""
    return pd.to_numeric(df[column], errors="coerce")


def unique_within_article(df: pd.DataFrame, id_column: str) -> pd.Series:
    """True for rows whose id no other row of the same article uses."""
    return ~df.duplicated(["article_id", id_column], keep=False)
