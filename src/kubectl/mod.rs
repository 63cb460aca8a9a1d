//! kubectl-style printers. STUB: being written.
