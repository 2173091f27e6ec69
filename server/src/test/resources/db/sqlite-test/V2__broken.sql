-- the first statement works, the second does not: the whole step must roll back
CREATE TABLE half_done (x TEXT);
THIS IS NOT SQL;
