"""Pandera models, one per warehouse table: the source of truth for columns and their docs."""

from schemas.articles import ArticleModel
from schemas.check_history import CheckHistoryModel
from schemas.derived_metrics import DerivedMetricModel
from schemas.figures import FigureModel
from schemas.measure_proposals import MeasureProposalModel
from schemas.mentions import MentionModel
from schemas.non_figures import NonFigureModel
from schemas.quarantine import QuarantineModel
from schemas.reference_matches import ReferenceMatchModel
from schemas.reference_tables import ReferenceTableModel
from schemas.reference_values import ReferenceValueModel
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
    "reference_tables": ReferenceTableModel,
    "reference_values": ReferenceValueModel,
    "reference_matches": ReferenceMatchModel,
    "measure_proposals": MeasureProposalModel,
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
    "MeasureProposalModel",
    "MentionModel",
    "NonFigureModel",
    "QuarantineModel",
    "ReferenceMatchModel",
    "ReferenceTableModel",
    "ReferenceValueModel",
    "RelationModel",
    "SourceModel",
    "sql_type",
]
