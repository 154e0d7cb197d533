package dev.lift.plugins.dynamodbclient;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** A bean item of a tenant-scoped table: the tenant is the partition key, the id the sort key. */
@DynamoDbBean
public class Task {
    private String tenant;
    private String id;
    private String title;

    public Task() {
    }

    public Task(String tenant, String id, String title) {
        this.tenant = tenant;
        this.id = id;
        this.title = title;
    }

    @DynamoDbPartitionKey
    public String getTenant() {
        return tenant;
    }

    public void setTenant(String tenant) {
        this.tenant = tenant;
    }

    @DynamoDbSortKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }
}
