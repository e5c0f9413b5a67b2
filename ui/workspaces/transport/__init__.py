"""The transport desk: the day's trips to the port planned, printed and boarded by scan.

Two views, a module each: the planner (`planner.PlannerPanel`, coordinators) and the boarding
screen at the vehicle's door (`boarding.BoardingPanel`); `workspace.TransportWorkspace` shows
one at a time. Every decision is the core's (`staging.transport`).
"""

from ui.workspaces.transport.boarding import BoardingPanel
from ui.workspaces.transport.planner import PlannerPanel
from ui.workspaces.transport.workspace import TRANSPORT_KINDS, TransportWorkspace

__all__ = ["TRANSPORT_KINDS", "BoardingPanel", "PlannerPanel", "TransportWorkspace"]
