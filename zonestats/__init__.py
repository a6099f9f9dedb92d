"""zonestats: figures from Chinese development-zone reports as verified, quoted data."""

from zonestats.errors import DataError, Problem, ZonestatsError
from zonestats.io.inputs import bundled_path, load, load_observations
from zonestats.model.dataset import Dataset, Indicator, Observation, Source, Zone
from zonestats.model.period import Period
from zonestats.model.quantity import Qualifier, Quantity, format_quantity, parse_quantity

__version__ = "0.2.0"

__all__ = [
    "DataError",
    "Dataset",
    "Indicator",
    "Observation",
    "Period",
    "Problem",
    "Qualifier",
    "Quantity",
    "Source",
    "Zone",
    "ZonestatsError",
    "__version__",
    "bundled_path",
    "format_quantity",
    "load",
    "load_observations",
    "parse_quantity",
]
