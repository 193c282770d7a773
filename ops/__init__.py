"""Operations: settings from the environment, launching the servers, serving the clinic page,
and the staff commands (make run, make shell, make forget)."""
