"""The article's SQLAlchemy model, on our schema (lib/schema.sql)."""
from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ProfileSetting(Base):
    __tablename__ = "profile_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # '<project_code>:<gid>', unique index.
    name: Mapped[str] = mapped_column(String(140))
    # JSON decodes on both servers: MySQL sends JSON, MariaDB the same text in a LONGTEXT.
    tag_indexes: Mapped[object] = mapped_column(JSON, nullable=True)
    interval: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    profile_machines: Mapped[object] = mapped_column(JSON)
    thread_settings: Mapped[object] = mapped_column(JSON)

    def as_dict(self) -> dict:
        return {column.name: getattr(self, column.name) for column in self.__table__.columns}


def to_profile_settings(result: dict) -> dict:
    """The article's per-gid dict, with the keys our servers answer (lib/settings-row.ts)."""
    return {
        "tagIndexes": result.get("tag_indexes"),
        "interval": result["interval"],
        "status": result["status"],
        "profileMachines": result["profile_machines"],
        "threadSettings": result["thread_settings"],
    }
