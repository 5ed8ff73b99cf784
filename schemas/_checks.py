"""Helpers for dataframe-wide Pandera checks that must not crash on badly typed input."""

import pandas as pd


def numeric(df: pd.DataFrame, column: str) -> pd.Series:
    """The column as floats; values that are not numbers become NaN (their own check reports them)."""
    return pd.to_numeric(df[column], errors="coerce")
