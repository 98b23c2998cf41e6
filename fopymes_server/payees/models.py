"""The payees table: one row per normalised name in a workspace (see `payees.rules`)."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint

from fopymes_server.core.orm import Base, NamedPerWorkspace


class Payee(NamedPerWorkspace, Base):
    __tablename__ = "payees"
    __table_args__ = (UniqueConstraint("workspace_id", "name_key"),)
