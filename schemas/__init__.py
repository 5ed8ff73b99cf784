"""Pandera models, one per warehouse table: the source of truth for columns and their docs."""

from schemas.articles import ArticleModel
from schemas.check_history import CheckHistoryModel
from schemas.derived_metrics import DerivedMetricModel
from schemas.figures import FigureModel
from schemas.mentions import MentionModel
from schemas.non_figures import NonFigureModel
from schemas.quarantine import QuarantineModel
from schemas.relations import RelationModel
from schemas.sources import SourceModel
from schemas.types import SQL_TYPES, sql_type

TABLES = {
    "sources": SourceModel,
    "articles": ArticleModel,
    "figures": FigureModel,
    "non_figures": NonFigureModel,
    "relations": RelationModel,
    "mentions": MentionModel,
    "derived_metrics": DerivedMetricModel,
    "quarantine": QuarantineModel,
    "check_history": CheckHistoryModel,
}

__all__ = [
    "SQL_TYPES",
    "TABLES",
    "ArticleModel",
    "CheckHistoryModel",
    "DerivedMetricModel",
    "FigureModel",
    "MentionModel",
    "NonFigureModel",
    "QuarantineModel",
    "RelationModel",
    "SourceModel",
    "sql_type",
]
