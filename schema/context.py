"""What every resolver may reach: the graph session and the loaders of this one request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from strawberry.types import Info as StrawberryInfo

from graph.reader import AsyncDriver, GraphSession
from schema.loaders import Loaders


@dataclass
class Context:
    driver: AsyncDriver
    database: str
    today: date = field(default_factory=date.today)
    db: GraphSession = field(init=False)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.db = GraphSession(self.driver, database=self.database)
        self.loaders = Loaders(self.db)


Info = StrawberryInfo[Context, None]
