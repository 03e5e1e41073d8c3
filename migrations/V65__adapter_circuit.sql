-- Each adapter's circuit breaker and the provider's own back-off, shared by every node and kept across restarts:
-- open_until: no call before this instant (the circuit opened after failures in a row, or a node holds the
--             half-open probe until then); NULL while the circuit is closed.
-- not_before: the provider asked, with Retry-After, not to be called before this instant.
ALTER TABLE grid_adapter_health ADD COLUMN open_until TIMESTAMP;
ALTER TABLE grid_adapter_health ADD COLUMN not_before TIMESTAMP;
