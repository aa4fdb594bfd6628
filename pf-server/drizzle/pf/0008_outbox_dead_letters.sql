-- Events given up after their last attempt were marked 'failed'; they are 'dead' now (kept with their last error
-- until an administrator requeues them), and 'failed' in the administrator's views means "retrying".
UPDATE `outbox` SET `status` = 'dead' WHERE `status` = 'failed';
